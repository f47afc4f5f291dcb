#include "phases/worker_pool.h"

namespace migdip {

WorkerPool::WorkerPool(int threads) : threads_(threads < 1 ? 1 : threads) {
  workers_.reserve(static_cast<std::size_t>(threads_ - 1));
  for (int thread = 1; thread < threads_; ++thread) {
    workers_.emplace_back([this, thread] { work(thread); });
  }
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  started_.notify_all();
  for (std::thread& worker : workers_) {
    worker.join();
  }
}

void WorkerPool::run(int count, Call call, void* context) {
  const int stride = threads();
  if (stride > 1) {
    {
      const std::lock_guard lock(mutex_);
      call_ = call;
      context_ = context;
      count_ = count;
      busy_ = static_cast<int>(workers_.size());
      ++generation_;
    }
    started_.notify_all();
  }
  for (int item = 0; item < count; item += stride) {
    call(context, item);
  }
  if (stride > 1) {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [this] { return busy_ == 0; });
  }
}

void WorkerPool::work(int thread) {
  std::uint64_t seen = 0;
  const int stride = threads();
  for (;;) {
    Call call = nullptr;
    void* context = nullptr;
    int count = 0;
    {
      std::unique_lock lock(mutex_);
      started_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) {
        return;
      }
      seen = generation_;
      call = call_;
      context = context_;
      count = count_;
    }
    for (int item = thread; item < count; item += stride) {
      call(context, item);
    }
    {
      const std::lock_guard lock(mutex_);
      --busy_;
    }
    finished_.notify_one();
  }
}

}  // namespace migdip
