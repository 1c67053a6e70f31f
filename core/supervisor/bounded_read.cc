#include "core/supervisor/bounded_read.h"

#include <errno.h>
#include <pthread.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace smc {
namespace {

// One read; shared by the waiter and its reader, which may outlive the
// waiter's interest in it.
struct Job {
  pid_t tid;
  std::function<ssize_t(char*)> read;
  std::vector<char> buffer;
  ssize_t result = -1;
  int error = 0;
  bool done = false;
  bool overdue = false;  // the waiter gave up on it
};

class Readers {
 public:
  ssize_t run(pid_t tid, const std::function<ssize_t(char*)>& read, void* out,
              std::size_t capacity, std::chrono::milliseconds bound) {
    auto job = std::make_shared<Job>(Job{tid, read, std::vector<char>(capacity)});
    std::unique_lock lock(mutex_);
    if (overdue_.count(tid) != 0) return fail(ETIMEDOUT);
    if (idle_ == 0 && !add_reader()) return fail(EAGAIN);
    --idle_;  // that reader is this job's, even if it has not picked it up yet
    queue_.push_back(job);
    work_.notify_one();
    if (!finished_.wait_for(lock, bound, [&] { return job->done; })) {
      job->overdue = true;
      overdue_.insert(tid);
      return fail(ETIMEDOUT);
    }
    if (job->result < 0) return fail(job->error);
    std::memcpy(out, job->buffer.data(), static_cast<std::size_t>(job->result));
    return job->result;
  }

 private:
  static ssize_t fail(int error) {
    errno = error;
    return -1;
  }

  // A new reader thread, detached: it may stay blocked in a read until the
  // supervisor ends. Called with the lock held.
  bool add_reader() {
    if (readers_ >= kMaxReaders) return false;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    // A read and its /proc path need little; threads count against
    // RLIMIT_NPROC and memory, not stacks of the default 8 MiB.
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t thread;
    const bool made = pthread_create(&thread, &attr, &Readers::serve, this) == 0;
    pthread_attr_destroy(&attr);
    if (made) {
      ++readers_;
      ++idle_;
    }
    return made;
  }

  static void* serve(void* self) {
    static_cast<Readers*>(self)->loop();
    return nullptr;
  }

  [[noreturn]] void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_.wait(lock, [&] { return !queue_.empty(); });
      const std::shared_ptr<Job> job = queue_.front();
      queue_.pop_front();
      // Given up before it started: no need to wait on that memory.
      const bool skip = job->overdue;
      lock.unlock();
      const ssize_t result = skip ? -1 : job->read(job->buffer.data());
      const int error = skip ? ETIMEDOUT : errno;
      lock.lock();
      job->result = result;
      job->error = error;
      job->done = true;
      if (job->overdue) overdue_.erase(job->tid);
      ++idle_;
      finished_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable finished_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::set<pid_t> overdue_;  // tids with a read still running past its bound
  int readers_ = 0;
  int idle_ = 0;
};

// Never destroyed: detached readers may still use it while the process ends.
Readers& readers() {
  static Readers* const all = new Readers;
  return *all;
}

}  // namespace

ssize_t bounded_read(pid_t tid, const std::function<ssize_t(char* buffer)>& read, void* out,
                     std::size_t capacity, std::chrono::milliseconds bound) {
  return readers().run(tid, read, out, capacity, bound);
}

}  // namespace smc
