// The netfilter seed in C++ (examples/netfilter/): the build turns it into
// netfilter_dsl.ko; netfilter hooks need no debuginfo.
#include "../netfilter/netfilter.h"

CXXTAP_MAIN(examples::netfilter)
