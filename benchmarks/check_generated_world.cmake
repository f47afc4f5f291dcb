# Regenerates benchmarks/world-200x5000.ini with the options written in its header, checks the
# bytes are the shipped file's, and that `migdip validate` accepts it.
# Called by ctest (benchmarks/CMakeLists.txt) with GENERATOR, MIGDIP, SHIPPED and OUTPUT.
file(REMOVE ${OUTPUT})
execute_process(
  COMMAND ${GENERATOR} --states 200 --corridors 5000 --nationalities 10 --ticks 365
          --tick-length day --tables 5 --seed 1 -o ${OUTPUT}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generate_world failed with status ${status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUTPUT} ${SHIPPED}
                RESULT_VARIABLE different)
if(NOT different EQUAL 0)
  message(FATAL_ERROR "${OUTPUT} differs from ${SHIPPED}: regenerate the shipped world with the "
                      "command in its header, or find what made the generator change")
endif()
execute_process(COMMAND ${MIGDIP} validate ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "migdip validate ${OUTPUT} failed with status ${status}")
endif()
