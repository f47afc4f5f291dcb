// Writes the libFuzzer dictionary of the INI harnesses (scenarios and plans), generated at build
// time from the key table the loader validates against, so that it never misses a key:
// section headers, keys, the words of choices, plan keys and the shapes of values.
//
//   make_dictionary OUTPUT.dict

#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include "io_ini/key_table.h"
#include "migdip/io/plan_file.h"

namespace {

// A dictionary entry: the token in double quotes, with quotes and backslashes escaped and
// other bytes than printable ASCII written \xNN.
std::string entry(const std::string& token) {
  std::string quoted = "\"";
  for (const char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      constexpr char kHex[] = "0123456789abcdef";
      quoted += "\\x";
      quoted += kHex[byte >> 4];
      quoted += kHex[byte & 0xfu];
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_dictionary OUTPUT.dict\n";
    return 2;
  }
  std::set<std::string> tokens = {
      // Values of every type, and the limits the parsers must handle.
      "true", "false", "yes", "no", "on", "off", "unlimited", "2015-01-01", "2017-12-31", "0", "1",
      "-1", "0.5", "1e6", "1e308", "1e-308", "4294967296", "18446744073709551616", "nan", "inf",
      "-inf", " = ", ", ", "#", ";", "\n", "\r\n", "[", "]",
      // Plans.
      "[sweep]", "[parameter ", "grid", "list", "latin_hypercube", "saltelli", "morris",
      "uniform", "log_uniform"};
  for (const migdip::ini::SectionSpec& section : migdip::ini::section_specs()) {
    tokens.insert(section.singleton ? "[" + section.kind + "]" : "[" + section.kind + " ");
    tokens.insert(section.kind + ".");  // as plans and --set name keys
    for (const migdip::ini::KeySpec& key : section.keys) {
      tokens.insert(key.name + " = ");
      tokens.insert("." + key.name);
      for (const std::string& choice : key.choices) {
        tokens.insert(choice);
      }
    }
  }
  for (const std::string& key : migdip::plan_keys()) {
    tokens.insert(key.substr(key.find('.') + 1) + " = ");
  }
  std::ofstream out(argv[1]);
  for (const std::string& token : tokens) {
    out << entry(token) << '\n';
  }
  out.close();
  if (!out) {
    std::cerr << "make_dictionary: cannot write " << argv[1] << '\n';
    return 1;
  }
  return 0;
}
