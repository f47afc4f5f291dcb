#include <algorithm>

#include "migdip/core/error.h"
#include "migdip/recording/record_sink.h"

namespace migdip {

std::size_t RecordLayout::slice_size(const RecordGroup& group, const Variable& variable) {
  std::size_t size = 1;
  for (std::size_t axis = 1; axis < variable.dimensions.size(); ++axis) {
    const std::string& dimension = variable.dimensions[axis];
    auto coordinate =
        std::find_if(group.coordinates.begin(), group.coordinates.end(),
                     [&](const Coordinate& candidate) { return candidate.name == dimension; });
    if (coordinate == group.coordinates.end()) {
      throw InternalError("variable " + group.name + "." + variable.name + " uses dimension '" +
                          dimension + "', which has no coordinate");
    }
    size *= coordinate->size();
  }
  return size;
}

std::size_t RecordLayout::values_per_tick() const {
  std::size_t values = 0;
  for (const RecordGroup& group : groups) {
    for (const Variable& variable : group.variables) {
      values += slice_size(group, variable);
    }
  }
  return values;
}

std::size_t RecordLayout::ticks() const {
  for (const RecordGroup& group : groups) {
    for (const Coordinate& coordinate : group.coordinates) {
      if (coordinate.name == "time") {
        return coordinate.size();
      }
    }
  }
  return 0;
}

}  // namespace migdip
