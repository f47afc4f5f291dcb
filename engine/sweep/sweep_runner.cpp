#include "migdip/sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace migdip {
namespace {

// Finished runs waiting for the writer. Bounded, so that workers faster than the writer wait
// instead of piling up series in memory.
class ResultQueue {
 public:
  explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}

  /// Waits for room, unless the sweep is stopping.
  void push(const SweepRun& run, RunOutputs&& outputs) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return items_.size() < capacity_ || stopping_; });
    items_.emplace_back(run, std::move(outputs));
    ready_.notify_one();
  }

  /// Waits up to `timeout` for results; moves all waiting ones into `out`.
  void pop_all(std::chrono::duration<double> timeout,
               std::vector<std::pair<SweepRun, RunOutputs>>& out) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [&] { return !items_.empty() || workers_done_; });
    while (!items_.empty()) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
    }
    space_.notify_all();
  }

  void stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    space_.notify_all();
  }

  void worker_finished(std::size_t workers) {
    std::lock_guard lock(mutex_);
    if (++finished_workers_ == workers) {
      workers_done_ = true;
      ready_.notify_all();
    }
  }

  bool drained() {
    std::lock_guard lock(mutex_);
    return workers_done_ && items_.empty();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<std::pair<SweepRun, RunOutputs>> items_;
  std::size_t capacity_;
  std::size_t finished_workers_ = 0;
  bool stopping_ = false;
  bool workers_done_ = false;
};

}  // namespace

std::size_t run_sweep_on_threads(std::span<const SweepRun> runs, unsigned threads,
                                 std::span<const SeriesSelection> series,
                                 const SweepRunnerHooks& hooks) {
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, runs.size()));
  ResultQueue queue(4 * workers);
  std::atomic<std::size_t> next_run{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;

  auto work = [&] {
    try {
      RunSimulator simulator(series);  // one per worker: its buffers serve run after run
      while (!stop.load(std::memory_order_relaxed)) {
        const std::size_t index = next_run.fetch_add(1, std::memory_order_relaxed);
        if (index >= runs.size()) {
          break;
        }
        const SweepRun& run = runs[index];
        RunOutputs outputs = simulator.run(hooks.build_scenario(run));
        queue.push(run, std::move(outputs));
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) {
        failure = std::current_exception();
      }
      stop = true;
      queue.stop();
    }
    queue.worker_finished(workers);
  };

  std::vector<std::jthread> pool;
  pool.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) {
    pool.emplace_back(work);
  }

  std::size_t delivered = 0;
  std::vector<std::pair<SweepRun, RunOutputs>> batch;
  const std::chrono::duration<double> wait(hooks.heartbeat_seconds);
  try {
    while (!queue.drained()) {
      batch.clear();
      queue.pop_all(wait, batch);
      for (auto& [run, outputs] : batch) {
        hooks.deliver(run, std::move(outputs));
        ++delivered;
      }
      if (hooks.heartbeat && hooks.heartbeat() && !stop) {
        stop = true;
      }
    }
  } catch (...) {
    // The writer failed: stop the workers, let them finish, and report the writer's error.
    stop = true;
    queue.stop();
    pool.clear();
    throw;
  }
  pool.clear();
  if (failure) {
    std::rethrow_exception(failure);
  }
  return delivered;
}

}  // namespace migdip
