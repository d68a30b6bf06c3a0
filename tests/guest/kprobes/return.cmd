dd if=/proc/version of=/dev/null bs=7 count=3 2>/dev/null
