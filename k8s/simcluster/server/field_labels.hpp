#pragma once
// The field selectors each kind supports, as the apiserver converts them
// (the AddFieldLabelConversionFunc of k8s.io/kubernetes pkg/apis/*/v1
// conversion.go): a selector on any other field is a 400, not an empty list.
#include <string>

#include "simcluster/resource_type.hpp"
#include "simcluster/selector.hpp"

namespace meshlings::sim {

class FieldLabels {
public:
    // Selector::parseFields(text) after checking every field it names is selectable on `type`.
    // Throws ApiError 400 with the apiserver's message otherwise.
    static Selector parse(const ResourceType& type, const std::string& text);
};

}  // namespace meshlings::sim
