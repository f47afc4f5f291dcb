#include "migdip/recording/selected_series_sink.h"

#include <algorithm>

#include "migdip/core/error.h"

namespace migdip {

void SelectedSeriesSink::begin(const RecordLayout& layout) {
  slices_.clear();
  series_.resize(selections_.size());
  const std::size_t ticks = layout.ticks();
  for (std::size_t s = 0; s < selections_.size(); ++s) {
    const SeriesSelection& selection = selections_[s];
    // As RunRecord::find_variable finds it: the first group of the name, its first variable.
    bool found = false;
    std::size_t offset = 0;
    for (const RecordGroup& group : layout.groups) {
      const bool wanted = group.name == selection.group;
      for (const Variable& variable : group.variables) {
        const std::size_t size = RecordLayout::slice_size(group, variable);
        if (wanted && variable.name == selection.variable) {
          slices_.push_back(Slice{offset, size});
          found = true;
          break;
        }
        offset += size;
      }
      if (wanted) {
        break;
      }
    }
    if (!found) {
      throw InternalError("sweep series " + selection.group + "." + selection.variable +
                          " is not in the run's record");
    }
    series_[s].assign(ticks * slices_.back().size, 0.0);
  }
}

void SelectedSeriesSink::write_tick(std::size_t tick, std::span<const double> values) {
  if (!series_.empty() && !slices_.empty() &&
      (tick + 1) * slices_.front().size > series_.front().size()) {
    throw InternalError("a sweep series got a tick past the end of the run");
  }
  for (std::size_t s = 0; s < slices_.size(); ++s) {
    const Slice slice = slices_[s];
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(slice.offset), slice.size,
                series_[s].begin() + static_cast<std::ptrdiff_t>(tick * slice.size));
  }
}

std::vector<std::vector<double>> SelectedSeriesSink::take_series() {
  return std::move(series_);
}

}  // namespace migdip
