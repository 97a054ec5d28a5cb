// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace bulwark {

// An error a user can act on: the message says what went wrong and, where known, what to do.
struct Error {
    QString message;
    int code = 0; // optional machine-readable detail (HTTP status, errno, ...), 0 when none
};

// Errors are values (STYLE.md §12). A small stand-in for std::expected, which GCC 12 only has in C++23.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    static Result failure(QString message, int code = 0) { return Result(Error{std::move(message), code}); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const T& operator*() const& { return *m_value; }
    T& operator*() & { return *m_value; }

    const Error& error() const { return m_error; }
    const QString& errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    static Result failure(QString message, int code = 0) { return Result(Error{std::move(message), code}); }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    const QString& errorMessage() const { return m_error.message; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace bulwark
