# Writes preflight-cli.1.gz: help2man over `preflight-cli --help`, plus a COMMANDS section holding each
# command's own --help, so the page grows with the command table in app/cli/CliCommand.cpp.
# Arguments: -DCLI= -DHELP2MAN= -DVERSION= -DSTATIC_SECTIONS= -DOUTPUT=
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND "${CLI}" --help OUTPUT_VARIABLE usage RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "'${CLI} --help' exited with ${result}")
endif()

# The command names are the first word of each indented line after "Commands:".
string(REGEX REPLACE ".*\nCommands:\n" "" listing "${usage}")
string(REGEX REPLACE "\n\n.*" "" listing "${listing}")
string(REPLACE "\n" ";" listing "${listing}")
set(commands_roff "")
foreach(line IN LISTS listing)
  if(NOT line MATCHES "^  ([a-z][a-z0-9-]*)")
    continue()
  endif()
  set(command "${CMAKE_MATCH_1}")
  execute_process(COMMAND "${CLI}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE result ERROR_QUIET)
  # Only real help texts: a command that does not answer --help with its usage is left out.
  if(NOT result EQUAL 0 OR NOT help MATCHES "^Usage:")
    continue()
  endif()
  # roff: a backslash is \e; a line that starts with a dot or quote would be read as a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND commands_roff ".SS ${command}\n.nf\n${help}.fi\n")
endforeach()

get_filename_component(out_dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${out_dir}")
file(READ "${STATIC_SECTIONS}" static_sections)
set(include_file "${OUTPUT}.h2m")
file(WRITE "${include_file}" "[COMMANDS]\n${commands_roff}\n${static_sections}")

execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1 --version-string=${VERSION}
          "--name=check the behavioural data you send to Customer.io"
          --include=${include_file} --output=${OUTPUT} "${CLI}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "help2man failed (${result}) on ${CLI}")
endif()
execute_process(COMMAND gzip -9 -n -f "${OUTPUT}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${OUTPUT}")
endif()
