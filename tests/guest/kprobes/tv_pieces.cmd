dd if=/proc/version of=/dev/null bs=5 count=3 2>/dev/null
