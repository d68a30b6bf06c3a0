// The Catch2 (v2) main for the unit_tests executable; the test cases live in
// the other files under tests/unit/, one folder per layer.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
