# What `cmake --install build --prefix P` puts under P (README.md, "Install"):
#
#   P/bin/migdip                          the command line
#   P/lib/libmigdip_{core,sweep,ini,hdf5}.a   the engine libraries (static: below)
#   P/include/migdip/...                  the public headers
#   P/lib/cmake/migdip/                   the CMake package: find_package(migdip) gives
#                                         migdip::engine (all four) and migdip::core,
#                                         migdip::sweep, migdip::ini, migdip::hdf5
#   P/share/migdip/python/migdip/         the Python package (MIGDIP_INSTALL_PYTHONDIR), which
#                                         `migdip plot` runs and `migdip.run` drives
#   P/share/migdip/scenarios/             the shipped scenarios, plans, data and validation specs
#
# The libraries are static. The engine's C++ API has no stable ABI (structs of the public headers
# change with the model), so a shared library would promise what it cannot keep; static
# libraries keep the installed binary self-contained (no RPATH, nothing to find at run time, the
# same machine code as the build tree's, so the same numbers), and a consumer's program carries
# the engine it was built with. The package finds the libraries' own dependencies again
# (migdipConfig.cmake.in), since a static library brings them to the consumer's link line.

include(CMakePackageConfigHelpers)

# migdip::engine: the four libraries in one target, for consumers that want the whole engine.
add_library(migdip_engine INTERFACE)
target_link_libraries(migdip_engine INTERFACE migdip_core migdip_sweep migdip_ini migdip_hdf5)
add_library(migdip::engine ALIAS migdip_engine)
foreach(library core sweep ini hdf5 engine)
  set_target_properties(migdip_${library} PROPERTIES EXPORT_NAME ${library})
endforeach()

install(TARGETS migdip RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS migdip_core migdip_sweep migdip_ini migdip_hdf5 migdip_engine
        EXPORT migdipTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/migdip DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(MIGDIP_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/migdip)
install(EXPORT migdipTargets NAMESPACE migdip:: DESTINATION ${MIGDIP_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/migdipConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/generated/migdipConfig.cmake
                              INSTALL_DESTINATION ${MIGDIP_INSTALL_CMAKEDIR})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/generated/migdipConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/generated/migdipConfig.cmake
              ${PROJECT_BINARY_DIR}/generated/migdipConfigVersion.cmake
        DESTINATION ${MIGDIP_INSTALL_CMAKEDIR})

# The Python package, without caches, plus where the binary is seen from it (relative, so that a
# moved prefix still works): migdip.run finds the binary installed with it (python/migdip/runs.py).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/migdip DESTINATION ${MIGDIP_INSTALL_PYTHONDIR}
        FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)
file(RELATIVE_PATH MIGDIP_BINARY_FROM_PYTHON "/prefix/${MIGDIP_INSTALL_PYTHONDIR}/migdip"
     "/prefix/${CMAKE_INSTALL_BINDIR}/migdip")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/generated/python/_installed.py CONTENT
     [[# Written by `cmake --install` (cmake/install.cmake): the migdip binary installed with this
# package, relative to this directory.
BINARY_FROM_PACKAGE = "@MIGDIP_BINARY_FROM_PYTHON@"
]] @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/generated/python/_installed.py
        DESTINATION ${MIGDIP_INSTALL_PYTHONDIR}/migdip)
# The JSON Schema of scenario files, beside the module that validates against it
# (migdip.scenario_json looks there first, then in the source tree's docs/).
install(FILES ${PROJECT_SOURCE_DIR}/docs/scenario.schema.json
        DESTINATION ${MIGDIP_INSTALL_PYTHONDIR}/migdip)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/migdip/scenarios)
