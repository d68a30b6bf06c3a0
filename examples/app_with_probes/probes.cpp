// The program cxxtap_add_module(copycat_probes SOURCES probes.cpp) builds and
// runs to write the script's stap text; stap turns that into copycat_probes.ko.
#include "probes.h"

CXXTAP_MAIN(copycat::probes)
