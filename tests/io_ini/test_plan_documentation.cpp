// docs/sweeps.md documents every key of the plan language and every summary metric, with the
// units the sweep file gives them.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "migdip/io/plan_file.h"
#include "migdip/recording/summary_metrics.h"

namespace migdip {
namespace {

std::string sweeps_guide() {
  std::ifstream in(std::string(MIGDIP_SOURCE_DIR) + "/docs/sweeps.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SweepsGuide, DocumentsEveryPlanKey) {
  const std::string guide = sweeps_guide();
  ASSERT_FALSE(guide.empty());
  const std::vector<std::string> keys = plan_keys();
  ASSERT_GE(keys.size(), 8u);
  for (const std::string& key : keys) {
    const std::string section = key.substr(0, key.find('.'));
    const std::string name = key.substr(key.find('.') + 1);
    const std::string heading = section == "sweep" ? "### `[sweep]`" : "### `[parameter KEY]`";
    const std::size_t table = guide.find(heading);
    ASSERT_NE(table, std::string::npos) << heading;
    const std::size_t end = guide.find("\n###", table + heading.size());
    EXPECT_NE(guide.substr(table, end - table).find("| `" + name + "` |"), std::string::npos)
        << key << " is not in the " << heading << " table of docs/sweeps.md";
  }
}

TEST(SweepsGuide, DocumentsEveryMetricWithItsUnits) {
  const std::string guide = sweeps_guide();
  for (const MetricSpec& metric : summary_metric_specs()) {
    const std::string row = "| `" + std::string(metric.name) + "` | " + std::string(metric.units) +
                            " | " + std::string(metric.long_name) + " |";
    EXPECT_NE(guide.find(row), std::string::npos) << row << " is not in docs/sweeps.md";
  }
}

}  // namespace
}  // namespace migdip
