#pragma once
// Threads started once per run that share out independent pieces of one step (the nationalities
// of the route-value solver), so that a tick starts no thread and allocates nothing.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace migdip {

class WorkerPool {
 public:
  /// A pool of `threads` in all: the caller of for_each and threads - 1 workers (none for 1).
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return threads_; }

  /// Calls task(i) for every i in [0, count) and returns when all are done: item i on thread
  /// i % threads() (the caller is thread 0). Items must be independent, and must not throw.
  template <typename Task>
  void for_each(int count, Task& task) {
    run(
        count, [](void* context, int item) { (*static_cast<Task*>(context))(item); }, &task);
  }

 private:
  using Call = void (*)(void*, int);
  void run(int count, Call call, void* context);
  void work(int thread);

  int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable started_;
  std::condition_variable finished_;
  std::uint64_t generation_ = 0;  ///< one more at every for_each
  int busy_ = 0;                  ///< workers still on the current for_each
  bool stopping_ = false;
  Call call_ = nullptr;
  void* context_ = nullptr;
  int count_ = 0;
};

}  // namespace migdip
