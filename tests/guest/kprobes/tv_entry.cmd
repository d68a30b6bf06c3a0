dd if=/proc/version of=/dev/null bs=5 count=1 2>/dev/null; dd if=/nonexistent of=/dev/null 2>/dev/null; true
