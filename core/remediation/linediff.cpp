// SPDX-License-Identifier: GPL-3.0-or-later
#include "linediff.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace bulwark {
namespace {

struct Lines {
    QList<QByteArray> lines;
    bool missingFinalNewline = false;
};

Lines splitLines(const QByteArray& text)
{
    Lines out;
    if (text.isEmpty())
        return out;
    out.lines = text.split('\n');
    if (text.endsWith('\n'))
        out.lines.removeLast();
    else
        out.missingFinalNewline = true;
    return out;
}

enum class Op { Equal, Delete, Insert };

// Myers' O((N+M)D) shortest edit script; the trace keeps one V per step, which is small because
// remediation diffs change few lines.
std::vector<Op> editScript(const QList<QByteArray>& a, const QList<QByteArray>& b)
{
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max = n + m;
    const int offset = max + 1;
    std::vector<int> v(2 * max + 3, 0);
    std::vector<std::vector<int>> trace;
    int dFinal = 0;
    for (int d = 0; d <= max; ++d) {
        trace.push_back(v);
        bool found = false;
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = true;
                break;
            }
        }
        if (found) {
            dFinal = d;
            break;
        }
    }
    std::vector<Op> ops;
    int x = n;
    int y = m;
    for (int d = dFinal; d > 0; --d) {
        const std::vector<int>& pv = trace[d];
        const int k = x - y;
        const bool down = (k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1]));
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = pv[offset + prevK];
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            ops.push_back(Op::Equal);
            --x;
            --y;
        }
        ops.push_back(down ? Op::Insert : Op::Delete);
        x = prevX;
        y = prevY;
    }
    while (x > 0 && y > 0) {
        ops.push_back(Op::Equal);
        --x;
        --y;
    }
    return {ops.rbegin(), ops.rend()};
}

QString printable(const QByteArray& line)
{
    return QString::fromUtf8(line.endsWith('\r') ? line.left(line.size() - 1) : line);
}

QString range(int start, int count)
{
    // diff -u: a hunk that is empty on one side names the line before it.
    if (count == 1)
        return QString::number(start);
    return QStringLiteral("%1,%2").arg(count == 0 ? start - 1 : start).arg(count);
}

} // namespace

QString unifiedDiff(const QByteArray& before, const QByteArray& after, const QString& fromName, const QString& toName,
                    int context)
{
    if (before == after)
        return {};
    Lines a = splitLines(before);
    Lines b = splitLines(after);
    // A changed final newline is a change of the last line.
    if (a.missingFinalNewline && !a.lines.isEmpty())
        a.lines.last() += QByteArray("\0", 1);
    if (b.missingFinalNewline && !b.lines.isEmpty())
        b.lines.last() += QByteArray("\0", 1);
    const std::vector<Op> ops = editScript(a.lines, b.lines);

    struct Row {
        Op op;
        int ai; // index in a (Equal/Delete)
        int bi; // index in b (Equal/Insert)
    };
    std::vector<Row> rows;
    int ai = 0;
    int bi = 0;
    for (const Op op : ops) {
        rows.push_back({op, ai, bi});
        if (op != Op::Insert)
            ++ai;
        if (op != Op::Delete)
            ++bi;
    }

    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(fromName, toName);
    const int total = static_cast<int>(rows.size());
    int i = 0;
    while (i < total) {
        if (rows[i].op == Op::Equal) {
            ++i;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` lines after the last change
        // that is within 2*context lines of the previous one.
        const int start = std::max(0, i - context);
        int end = i;
        int lastChange = i;
        while (end < total) {
            if (rows[end].op != Op::Equal)
                lastChange = end;
            else if (end - lastChange > 2 * context)
                break;
            ++end;
        }
        end = std::min(total, lastChange + context + 1);
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        QString body;
        for (int r = start; r < end; ++r) {
            const Row& row = rows[r];
            auto noNewline = [](const QByteArray& line) { return line.endsWith(QByteArray("\0", 1)); };
            auto strip = [](QByteArray line) {
                if (line.endsWith(QByteArray("\0", 1)))
                    line.chop(1);
                return line;
            };
            if (row.op == Op::Equal || row.op == Op::Delete) {
                if (aStart < 0)
                    aStart = row.ai;
                ++aCount;
            }
            if (row.op == Op::Equal || row.op == Op::Insert) {
                if (bStart < 0)
                    bStart = row.bi;
                ++bCount;
            }
            const QByteArray& line = row.op == Op::Insert ? b.lines[row.bi] : a.lines[row.ai];
            const QChar mark = row.op == Op::Equal ? QLatin1Char(' ') : row.op == Op::Delete ? QLatin1Char('-') : QLatin1Char('+');
            body += mark + printable(strip(line)) + QLatin1Char('\n');
            if (noNewline(line))
                body += QStringLiteral("\\ No newline at end of file\n");
        }
        if (aStart < 0)
            aStart = rows[start].ai;
        if (bStart < 0)
            bStart = rows[start].bi;
        out += QStringLiteral("@@ -%1 +%2 @@\n").arg(range(aStart + 1, aCount), range(bStart + 1, bCount)) + body;
        i = end;
    }
    return out;
}

DiffStat diffStat(const QString& diff)
{
    DiffStat s;
    const QStringList lines = diff.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---")))
            continue;
        if (line.startsWith(QLatin1Char('+')))
            ++s.added;
        else if (line.startsWith(QLatin1Char('-')))
            ++s.removed;
    }
    return s;
}

} // namespace bulwark
