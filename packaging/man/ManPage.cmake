# Writes PROGRAM's man page, gzipped, with help2man from its --help and --version. With COMMANDS=ON it adds a
# COMMANDS section holding each command's own --help (preflight-cli), so the page grows with the command
# table in app/cli/CliCommand.cpp. STATIC_SECTIONS is a help2man include file (EXIT STATUS, FILES, ...).
# Arguments: -DPROGRAM= -DHELP2MAN= -DVERSION= -DNAME_LINE= -DSTATIC_SECTIONS= -DCOMMANDS=ON|OFF -DOUTPUT=
cmake_minimum_required(VERSION 3.25)

# The console's --help needs a QGuiApplication; no display is needed for that.
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{QT_LOGGING_RULES} "*=false")

execute_process(COMMAND "${PROGRAM}" --help OUTPUT_VARIABLE usage RESULT_VARIABLE result ERROR_QUIET)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "'${PROGRAM} --help' exited with ${result}")
endif()

set(commands_roff "")
if(COMMANDS)
  # The command names are the first word of each indented line after "Commands:".
  string(REGEX REPLACE ".*\nCommands:\n" "" listing "${usage}")
  string(REGEX REPLACE "\n\n.*" "" listing "${listing}")
  string(REPLACE "\n" ";" listing "${listing}")
  foreach(line IN LISTS listing)
    if(NOT line MATCHES "^  ([a-z][a-z0-9-]*)")
      continue()
    endif()
    set(command "${CMAKE_MATCH_1}")
    execute_process(COMMAND "${PROGRAM}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE result ERROR_QUIET)
    # Only real help texts: a command that does not answer --help with its usage is left out.
    if(NOT result EQUAL 0 OR NOT help MATCHES "^Usage:")
      continue()
    endif()
    # roff: a backslash is \e; a line that starts with a dot or quote would be read as a request.
    string(REPLACE "\\" "\\e" help "${help}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
    string(APPEND commands_roff ".SS ${command}\n.nf\n${help}.fi\n")
  endforeach()
endif()

get_filename_component(out_dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${out_dir}")
file(READ "${STATIC_SECTIONS}" include_text)
if(commands_roff)
  string(PREPEND include_text "[COMMANDS]\n${commands_roff}\n")
endif()
set(include_file "${OUTPUT}.h2m")
file(WRITE "${include_file}" "${include_text}")

execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1 --version-string=${VERSION} "--name=${NAME_LINE}"
          --include=${include_file} --output=${OUTPUT} "${PROGRAM}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "help2man failed (${result}) on ${PROGRAM}")
endif()
execute_process(COMMAND gzip -9 -n -f "${OUTPUT}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${OUTPUT}")
endif()
