#pragma once

#include "api/Api.h"
#include "call/Call.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

// Seeded generator of calls each dialect can carry, for parse(render(c)) == c property tests.
// It avoids only what a dialect cannot tell apart by design (documented in the dialect headers): an id
// with '@' or a "cio_" prefix reads back as an email or cio_id, and "email"/"anonymous_id" attributes
// travel as identity.
class CallGenerator
{
public:
    explicit CallGenerator(unsigned seed) : m_random(seed) {}

    std::vector<preflight::CallKind> kinds(preflight::Api api) const
    {
        using K = preflight::CallKind;
        switch (api) {
        case preflight::Api::TrackV1:
            return {K::Identify, K::Track,      K::Page,      K::Screen,       K::Delete,
                    K::Suppress, K::Unsuppress, K::AddDevice, K::DeleteDevice, K::Merge};
        case preflight::Api::TrackV2:
            return {K::Identify,   K::Track,     K::Page,         K::Screen, K::Delete, K::Suppress,
                    K::Unsuppress, K::AddDevice, K::DeleteDevice, K::Merge,  K::Batch};
        case preflight::Api::Pipelines:
            return {K::Identify, K::Track, K::Page, K::Screen, K::Group, K::Alias, K::Batch};
        case preflight::Api::App: break;
        }
        return {};
    }

    preflight::Call call(preflight::Api api, preflight::CallKind kind)
    {
        using K = preflight::CallKind;
        preflight::Call c;
        c.kind = kind;
        if (kind == K::Batch) {
            const int count = 1 + pick(4);
            for (int i = 0; i < count; ++i) {
                std::vector<K> itemKinds = kinds(api);
                itemKinds.erase(std::remove(itemKinds.begin(), itemKinds.end(), K::Batch), itemKinds.end());
                c.batch.push_back(
                    call(api, itemKinds[static_cast<std::size_t>(pick(static_cast<int>(itemKinds.size())))]));
            }
            if (api == preflight::Api::Pipelines && pick(2) == 0)
                c.context = properties();
            return c;
        }
        if (api == preflight::Api::Pipelines)
            return pipelinesCall(c);
        return trackCall(api, c);
    }

private:
    preflight::Call trackCall(preflight::Api api, preflight::Call c)
    {
        using K = preflight::CallKind;
        const bool anonymousAllowed = api == preflight::Api::TrackV1 &&
                                      (c.kind == K::Track || c.kind == K::Page || c.kind == K::Screen);
        if (anonymousAllowed && pick(3) == 0) {
            if (pick(4) != 0)
                c.identity.anonymousId = identifier(20);
        } else {
            c.identity = person(api == preflight::Api::TrackV2);
        }
        switch (c.kind) {
        case K::Identify:
            if (!c.identity.id.empty() && pick(2) == 0)
                c.identity.email = email();
            if (pick(2) == 0)
                c.identity.anonymousId = identifier(12);
            c.properties = properties();
            break;
        case K::Track:
        case K::Page:
        case K::Screen:
            c.name = c.kind == K::Page ? "https://shop.example/" + text(6) : text(1 + pick(30));
            if (c.name.find_first_not_of(' ') == std::string::npos)
                c.name = "x" + c.name;
            c.properties = properties();
            if (pick(2) == 0)
                c.occurredAt = (1'700'000'000LL + pick(100'000'000)) * 1000;
            if (pick(2) == 0)
                c.dedupeId = "01J" + hex(23);
            break;
        case K::AddDevice:
            c.device = preflight::Device{identifier(32), pick(2) ? "ios" : "android", std::nullopt,
                                         preflight::Json::object()};
            if (pick(2) == 0)
                c.device->lastUsed = 1'700'000'000LL + pick(1000);
            if (pick(2) == 0)
                c.device->attributes = properties();
            break;
        case K::DeleteDevice:
            c.device = preflight::Device{identifier(32), {}, std::nullopt, preflight::Json::object()};
            break;
        case K::Merge: c.secondary = person(api == preflight::Api::TrackV2); break;
        default: break;
        }
        return c;
    }

    preflight::Call pipelinesCall(preflight::Call c)
    {
        using K = preflight::CallKind;
        if (c.kind == K::Alias) {
            c.identity.id = identifier(10);
            c.secondary.id = identifier(10);
        } else {
            const int shape = pick(3);
            if (shape != 1)
                c.identity.id = identifier(10);
            if (shape != 0)
                c.identity.anonymousId = identifier(16);
        }
        switch (c.kind) {
        case K::Identify:
            if (pick(2) == 0)
                c.identity.email = email();
            c.properties = properties();
            break;
        case K::Track:
            c.name = "x" + text(pick(30));
            c.properties = properties();
            break;
        case K::Page:
        case K::Screen:
            if (pick(3) != 0)
                c.name = text(1 + pick(20));
            c.properties = properties();
            break;
        case K::Group:
            c.groupId = identifier(8);
            c.properties = properties();
            break;
        default: break;
        }
        if (pick(2) == 0)
            c.occurredAt = 1'700'000'000'000LL + pick(1'000'000'000); // milliseconds survive ISO-8601
        if (pick(2) == 0)
            c.dedupeId = hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
        if (pick(2) == 0)
            c.context = preflight::Json{{"library", {{"name", "preflight"}, {"version", "0.1"}}},
                                        {"ip", "203.0.113.9"}};
        return c;
    }

    preflight::Identity person(bool allowPhone)
    {
        preflight::Identity identity;
        switch (pick(allowPhone ? 4 : 3)) {
        case 0: identity.id = identifier(1 + pick(40)); break;
        case 1: identity.email = email(); break;
        case 2: identity.cioId = hex(6 + pick(10)); break;
        default: identity.phone = "+1415555" + std::to_string(1000 + pick(8999)); break;
        }
        return identity;
    }

    preflight::Json properties()
    {
        preflight::Json out = preflight::Json::object();
        const int count = pick(5);
        for (int i = 0; i < count; ++i) {
            const std::string key = text(1 + pick(12));
            switch (pick(5)) {
            case 0: out[key] = text(pick(30)); break;
            case 1: out[key] = pick(100000) - 500; break;
            case 2: out[key] = pick(2) == 0; break;
            case 3: out[key] = 12.5 + pick(100); break;
            default: out[key] = preflight::Json{{"sku", text(5)}, {"qty", pick(9)}}; break;
            }
        }
        out.erase("email");
        out.erase("anonymous_id");
        return out;
    }

    std::string email() { return text(1 + pick(10)) + "+" + hex(3) + "@example.co"; }

    // Every API refuses a blank identifier, so one is never all spaces.
    std::string identifier(int length)
    {
        std::string out = text(length);
        if (out.find_first_not_of(' ') == std::string::npos)
            out = "x" + out;
        return out;
    }

    // Identifier-like text with the characters that must survive percent-encoding.
    std::string text(int length)
    {
        static const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 -_.~+/%?#&=:";
        std::string out;
        for (int i = 0; i < length; ++i)
            out.push_back(alphabet[static_cast<std::size_t>(pick(static_cast<int>(alphabet.size())))]);
        if (pick(5) == 0)
            out += "\xC3\xA9"; // é: UTF-8 in identifiers and names
        if (out.rfind("cio_", 0) == 0)
            out = "x" + out;
        return out;
    }

    std::string hex(int length)
    {
        static const char digits[] = "0123456789abcdef";
        std::string out;
        for (int i = 0; i < length; ++i)
            out.push_back(digits[pick(16)]);
        return out;
    }

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }

    std::mt19937 m_random;
};
