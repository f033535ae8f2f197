# Turns a data file into a C++ source that defines
#   std::string_view meshlings::sim::embedded::NAME()
# so the built-in cluster carries its schemas without reading files at run time.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=function -P embed.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed.cmake: do not edit.\n"
  "#include <string_view>\n\n"
  "namespace meshlings::sim::embedded {\n\n"
  "std::string_view ${NAME}() {\n"
  "    static const char data[] = {\n${bytes}'\\0'};\n"
  "    return {data, ${byte_count}};\n"
  "}\n\n"
  "}  // namespace meshlings::sim::embedded\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
