// The headers of results and sweep files are described once, by their field tables: the
// provenance a run writes is the table's, in its order, and docs/results-format.md and
// docs/sweeps.md list the tables' fields as rendered here. On a mismatch the expected section is
// written next to the test program; paste it between the markers.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"

namespace migdip {
namespace {

const char* storage_name(FieldStorage storage) {
  switch (storage) {
    case FieldStorage::kText:
      return "text";
    case FieldStorage::kLines:
      return "text, a line each";
    case FieldStorage::kSeed:
      return "text, decimal";
    case FieldStorage::kNumber:
      return "float64";
    case FieldStorage::kTextDataset:
      return "scalar string dataset";
  }
  return "";
}

std::string begin_marker(const std::string& section) {
  return "<!-- BEGIN GENERATED: " + section + " (tests/io_hdf5/test_header_fields.cpp) -->\n";
}

std::string end_marker(const std::string& section) {
  return "<!-- END GENERATED: " + section + " -->\n";
}

// The table of a header's attributes; its text datasets are listed with the other datasets.
template <typename Header>
std::string render(const std::string& section, std::span<const HeaderField<Header>> fields,
                   bool with_agreement) {
  std::ostringstream md;
  md << begin_marker(section);
  md << (with_agreement ? "| attribute | type | shards agree | meaning |\n|---|---|---|---|\n"
                        : "| attribute | type | meaning |\n|---|---|---|\n");
  for (const HeaderField<Header>& field : fields) {
    if (field.storage == FieldStorage::kTextDataset) {
      continue;
    }
    md << "| `" << field.name << "` | " << storage_name(field.storage) << " | ";
    if (with_agreement) {
      md << (field.difference != nullptr ? "yes" : "") << " | ";
    }
    md << field.description << " |\n";
  }
  md << end_marker(section);
  return md.str();
}

void expect_documented(const std::string& document, const std::string& section,
                       const std::string& expected) {
  std::ifstream in(std::string(MIGDIP_SOURCE_DIR) + "/docs/" + document);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto begin = doc.find(begin_marker(section));
  const auto end = doc.find(end_marker(section));
  std::string actual;
  if (begin != std::string::npos && end != std::string::npos && end > begin) {
    actual = doc.substr(begin, end + end_marker(section).size() - begin);
  }
  if (actual != expected) {
    const auto path = std::filesystem::current_path() / (document + "-" + section + ".md");
    std::ofstream(path) << expected;
    FAIL() << "docs/" << document << " is out of date; the expected section is in " << path;
  }
}

template <typename Header>
void expect_distinct_described_names(std::span<const HeaderField<Header>> fields) {
  std::set<std::string> names;
  for (const HeaderField<Header>& field : fields) {
    EXPECT_TRUE(names.insert(field.name).second) << field.name << " is named twice";
    EXPECT_NE(std::string(field.description), "") << field.name;
  }
}

TEST(HeaderFields, NamesAreDistinctAndDescribed) {
  expect_distinct_described_names(run_provenance_fields());
  expect_distinct_described_names(sweep_header_fields());
}

TEST(HeaderFields, ResultsFormatDocumentListsTheProvenance) {
  expect_documented("results-format.md", "provenance",
                    render("provenance", run_provenance_fields(), false));
}

TEST(HeaderFields, SweepsDocumentListsTheSweepHeader) {
  expect_documented("sweeps.md", "sweep header",
                    render("sweep header", sweep_header_fields(), true));
}

TEST(RunProvenance, BecomesTheRecordsAttributesInTableOrder) {
  RunProvenance provenance;
  provenance.engine_version = "0.9";
  provenance.seed = 18446744073709551615ull;  // exact in decimal text, not in a float64
  provenance.run = 3;
  provenance.ticks = 36;
  provenance.simulation_seconds = 0.25;
  RunRecord record;
  record.text_attributes = {{"stale", "replaced"}};
  record.number_attributes = {{"stale", 1}};
  set_provenance(record, provenance);

  std::vector<std::string> names;
  for (const auto& [name, value] : record.text_attributes) {
    names.push_back(name);
  }
  for (const auto& [name, value] : record.number_attributes) {
    names.push_back(name);
  }
  std::vector<std::string> table;
  for (const HeaderField<RunProvenance>& field : run_provenance_fields()) {
    table.push_back(field.name);
  }
  EXPECT_EQ(names, table);  // text fields precede the numbers in the table, as in the file
  const auto text = [&](const std::string& name) {
    for (const auto& [key, value] : record.text_attributes) {
      if (key == name) {
        return value;
      }
    }
    return std::string("(absent)");
  };
  EXPECT_EQ(text("engine_version"), "0.9");
  EXPECT_EQ(text("seed"), "18446744073709551615");
  EXPECT_EQ(text("run"), "3");
  EXPECT_EQ(record.number_attributes, (std::vector<std::pair<std::string, double>>{
                                          {"ticks", 36}, {"simulation_seconds", 0.25}}));
}

}  // namespace
}  // namespace migdip
