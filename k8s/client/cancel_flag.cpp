#include "client/cancel_flag.hpp"

namespace meshlings::k8s {

void CancelFlag::cancel() {
    m_cancelled = true;
    const std::lock_guard lock(m_mutex);
    if (m_wake) m_wake();
}

void CancelFlag::setWaker(std::function<void()> wake) {
    const std::lock_guard lock(m_mutex);
    m_wake = std::move(wake);
}

}  // namespace meshlings::k8s
