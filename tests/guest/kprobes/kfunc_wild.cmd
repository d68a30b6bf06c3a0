dd if=/proc/version of=/dev/null bs=1 count=3 2>/dev/null; dd if=/proc/version bs=4 count=3 2>/dev/null >/dev/null
