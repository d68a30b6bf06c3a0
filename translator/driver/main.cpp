#include "stap_main.h"

int main(int argc, char** argv) { return cxxtap::driver::stap_main(argc, argv); }
