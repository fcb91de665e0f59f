# One place for the version: the project version, plus `git describe` when built from a checkout.
set(PREFLIGHT_VERSION_STRING "${PROJECT_VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" describe --tags --always --dirty
                  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                  OUTPUT_VARIABLE PREFLIGHT_GIT_DESCRIBE OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _describe_result)
  if(_describe_result EQUAL 0 AND PREFLIGHT_GIT_DESCRIBE)
    set(PREFLIGHT_VERSION_STRING "${PROJECT_VERSION} (${PREFLIGHT_GIT_DESCRIBE})")
  endif()
endif()
configure_file("${PROJECT_SOURCE_DIR}/core/common/Version.h.in" "${PROJECT_BINARY_DIR}/generated/preflight/Version.h" @ONLY)
