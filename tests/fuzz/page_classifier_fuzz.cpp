// libFuzzer target: any bytes as a product page answer. The contract
// (page_classifier.hpp): stateless and total, any bytes in, a verdict out,
// never throws; the same answer always gets the same verdict, and the
// verdict keeps the invariants page_verdict.hpp states (failedPart is None
// exactly when the page is Full; the pod name is at most kMaxPodName long).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mesh/page_classifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first two bytes choose the status (0..599) and whether the transfer failed.
    if (size < 2) return 0;
    const int status = ((data[0] << 8) | data[1]) % 600;
    const bool transportError = (data[0] & 0x80) != 0;
    const std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
    using meshlings::mesh::PageAnswer;
    using meshlings::mesh::PageClassifier;
    const auto first = PageClassifier::classify(PageAnswer{status, body, transportError});
    const auto again = PageClassifier::classify(PageAnswer{status, body, transportError});
    if (!(first == again)) std::abort();
    // page_verdict.hpp: failedPart is None exactly when the page is Full; pod names are bounded.
    using meshlings::common::PageOutcome;
    using meshlings::common::PagePart;
    if ((first.failedPart == PagePart::None) != (first.outcome == PageOutcome::Full)) std::abort();
    if (first.reviewsPod.size() > meshlings::mesh::PageVerdict::kMaxPodName) std::abort();
    return 0;
}
