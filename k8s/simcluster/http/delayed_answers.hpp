#pragma once
// Answers that leave later. The ingress answers a page when the simulated
// request would have finished; its handler sets the delay and returns at
// once, and the server's event loop sends the answer when it is due. No
// thread sleeps through a page's latency (128 workers used to), so a
// thousand slow pages in flight cost a thousand queued strings, not a
// thousand threads, and never wait for a free worker.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace meshlings::sim::http {

class Connection;

class DelayedAnswers {
public:
    using Clock = std::chrono::steady_clock;
    struct Answer {
        std::shared_ptr<Connection> connection;
        std::string bytes;  // the whole answer, as written
        bool keepAlive = true;
    };

    void add(Clock::time_point due, Answer answer);  // any thread
    // The answers due by `now`, in the order they fell due.
    std::vector<Answer> takeDue(Clock::time_point now);
    // How long the loop may sleep before the next answer is due: at most `longestMs`, at least 0.
    int waitMs(Clock::time_point now, int longestMs) const;
    void clear();

private:
    mutable std::mutex m_mutex;
    std::multimap<Clock::time_point, Answer> m_answers;
};

}  // namespace meshlings::sim::http
