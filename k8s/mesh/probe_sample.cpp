#include "mesh/probe_sample.hpp"

namespace meshlings::mesh {

std::string_view transportFaultName(TransportFault fault) {
    switch (fault) {
        case TransportFault::None:
            return "";
        case TransportFault::Connect:
            return "connect";
        case TransportFault::Resolve:
            return "resolve";
        case TransportFault::Timeout:
            return "timeout";
        case TransportFault::Interrupted:
            return "interrupted";
        case TransportFault::Tls:
            return "tls";
        case TransportFault::Other:
            return "other";
    }
    return "other";
}

}  // namespace meshlings::mesh
