#pragma once
// A watch's off switch. Whoever may end the watch (an Informer, a test) owns
// it and calls cancel() from any thread; the transport running the watch
// sets a waker for the time of the transfer, so a cancel wakes it from its
// wait on the socket at once instead of at its next poll.
#include <atomic>
#include <functional>
#include <mutex>

namespace meshlings::k8s {

class CancelFlag {
public:
    // Any thread: from now on cancelled() is true, and the transfer's waker (if any) has been called.
    void cancel();
    void reset() { m_cancelled = false; }
    bool cancelled() const { return m_cancelled.load(); }

    // The transport's side: set `wake` before checking cancelled(), so that a cancel between the check
    // and the wait is not lost; clear it (an empty function) before what it wakes is destroyed.
    void setWaker(std::function<void()> wake);

private:
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;  // guards m_wake: cancel() never calls a waker that is being cleared
    std::function<void()> m_wake;
};

}  // namespace meshlings::k8s
