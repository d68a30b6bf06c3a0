// The stap driver: runs the passes in order up to -p N and reports them.
#pragma once

namespace cxxtap::driver {

int stap_main(int argc, char** argv);

}  // namespace cxxtap::driver
