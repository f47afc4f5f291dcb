# Bad options: exit status 2, one line on standard error, and no file written.
# Called by ctest (benchmarks/CMakeLists.txt) with GENERATOR and OUTPUT.
foreach(arguments IN ITEMS "--states;5;--nationalities;10" "--tick-length;year"
                           "--corridors;3" "--corridors;1000000" "--ticks;0" "--ticks;3;--days;9"
                           "--no-such-option" "--states;many")
  file(REMOVE ${OUTPUT})
  execute_process(COMMAND ${GENERATOR} ${arguments} -o ${OUTPUT} RESULT_VARIABLE status
                  ERROR_VARIABLE message)
  string(STRIP "${message}" message)
  string(FIND "${message}" "\n" newline)
  if(NOT status EQUAL 2 OR NOT newline EQUAL -1 OR message STREQUAL "" OR EXISTS ${OUTPUT})
    message(FATAL_ERROR "generate_world ${arguments}: status ${status}, message '${message}'")
  endif()
endforeach()
