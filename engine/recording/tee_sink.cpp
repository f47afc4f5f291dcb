#include "migdip/recording/record_sink.h"

namespace migdip {

void TeeSink::begin(const RecordLayout& layout) {
  for (RecordSink* sink : sinks_) {
    sink->begin(layout);
  }
}

void TeeSink::write_tick(std::size_t tick, std::span<const double> values) {
  for (RecordSink* sink : sinks_) {
    sink->write_tick(tick, values);
  }
}

// Copies for every sink but the last, which may take the original.
void TeeSink::end_series(RecordTables tables) {
  for (std::size_t s = 0; s < sinks_.size(); ++s) {
    sinks_[s]->end_series(s + 1 == sinks_.size() ? std::move(tables) : tables);
  }
}

void TeeSink::finish(RecordDescription description) {
  for (std::size_t s = 0; s < sinks_.size(); ++s) {
    sinks_[s]->finish(s + 1 == sinks_.size() ? std::move(description) : description);
  }
}

}  // namespace migdip
