# find_package(cxxtap): the C++ DSL headers (target cxxtap::dsl), the stap
# driver, and cxxtap_add_module() to build kernel modules at build time.
#
#   cxxtap_add_module(NAME SOURCES probes.cpp|probes.stp
#                     [KERNEL_RELEASE R] [OPTIONS opt...])
#
# produces NAME.ko in the current binary directory. A .cpp source is a DSL
# script ending in CXXTAP_MAIN(script): it is compiled and run to write the
# script's stap text, which stap then translates and builds (pass 4). The
# module is rebuilt when a source or the installed cxxtap changes; stap's own
# cache keeps unchanged scripts from being rebuilt by kbuild.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74)
find_dependency(fmt)

get_filename_component(_cxxtap_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(CXXTAP_STAP "${_cxxtap_prefix}/bin/stap" CACHE FILEPATH "cxxtap's stap driver")
set(CXXTAP_INCLUDE_DIR "${_cxxtap_prefix}/include")

if(NOT TARGET cxxtap::dsl)
  add_library(cxxtap::dsl INTERFACE IMPORTED)
  set_target_properties(cxxtap::dsl PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CXXTAP_INCLUDE_DIR}"
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_LINK_LIBRARIES "Boost::headers;${_cxxtap_prefix}/lib/libcxxtap_ir.a;fmt::fmt")
endif()

function(cxxtap_add_module name)
  cmake_parse_arguments(ARG "" "KERNEL_RELEASE" "SOURCES;OPTIONS" ${ARGN})
  list(LENGTH ARG_SOURCES n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "cxxtap_add_module(${name}): give exactly one source")
  endif()
  get_filename_component(src "${ARG_SOURCES}" ABSOLUTE)
  get_filename_component(ext "${src}" EXT)
  set(script "${src}")
  if(ext STREQUAL ".cpp" OR ext STREQUAL ".cc" OR ext STREQUAL ".cxx")
    set(gen "${name}_cxxtap_script")
    add_executable(${gen} "${src}")
    target_link_libraries(${gen} PRIVATE cxxtap::dsl)
    set(script "${CMAKE_CURRENT_BINARY_DIR}/${name}.stp")
    add_custom_command(OUTPUT "${script}"
      COMMAND ${gen} "${script}"
      DEPENDS ${gen}
      COMMENT "cxxtap: lowering ${ARG_SOURCES} to ${name}.stp")
  endif()
  set(release_opt)
  if(ARG_KERNEL_RELEASE)
    set(release_opt -r ${ARG_KERNEL_RELEASE})
  endif()
  set(ko "${CMAKE_CURRENT_BINARY_DIR}/${name}.ko")
  add_custom_command(OUTPUT "${ko}"
    COMMAND "${CXXTAP_STAP}" -p4 -m ${name} ${release_opt} ${ARG_OPTIONS} "${script}"
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    DEPENDS "${script}" "${CXXTAP_STAP}"
    COMMENT "cxxtap: building kernel module ${name}.ko")
  add_custom_target(${name} ALL DEPENDS "${ko}")
endfunction()
