# Generates a world with the options in OPTIONS (a ;-list) and checks that `migdip validate`
# accepts it. Called by ctest (benchmarks/CMakeLists.txt) with GENERATOR, MIGDIP, OPTIONS and
# OUTPUT.
file(REMOVE ${OUTPUT})
execute_process(COMMAND ${GENERATOR} ${OPTIONS} -o ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generate_world ${OPTIONS} failed with status ${status}")
endif()
execute_process(COMMAND ${MIGDIP} validate ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "migdip validate ${OUTPUT} (generate_world ${OPTIONS}) failed with status "
                      "${status}")
endif()
