// SPDX-License-Identifier: GPL-3.0-or-later
#include "cgroupmemory.h"

#include <QSet>

#include <optional>

namespace bulwark::CgroupMemory {

namespace {

// POSIX sh, builtins only apart from one find | grep (only when some cgroup is not where the layout
// puts it) and one grep: a fork per container would cost more than the stats requests it replaces.
// "for t do" expands its list once, so growing "$@" inside is safe. Ids are 64 hex digits (checked
// before they are sent), so they may be split and globbed with globbing off.
// Output protocol (parse() below):
//   C <id> <dir>          the container's cgroup directory
//   <dir>/<file>:<value>  grep -H lines: a number, "max", or "[total_]inactive_file <n>"
//   END                   the script ran to the end
const char* const kScript = R"SH(root=$1 v=$2
shift 2
n=$# miss=
for t do
  id=${t%%:*} d=$root${t#*:}
  if [ -d "$d" ]; then printf 'C %s %s\n' "$id" "$d"; set -- "$@" "$d"
  else miss="$miss $id"; fi
done
shift "$n"
if [ -n "$miss" ]; then
  set -f
  found=$(find "$root" -type d 2>/dev/null | LC_ALL=C grep -E '/(docker-)?[0-9a-f]{64}(\.scope)?$')
  old=$IFS IFS='
'
  for d in $found; do
    b=${d##*/} b=${b#docker-} b=${b%.scope}
    case " $miss " in *" $b "*) printf 'C %s %s\n' "$b" "$d"; set -- "$@" "$d" ;; esac
  done
  IFS=$old
  set +f
fi
n=$#
for d do
  if [ "$v" = 2 ]; then set -- "$@" "$d/memory.current" "$d/memory.max" "$d/memory.stat"
  else set -- "$@" "$d/memory.usage_in_bytes" "$d/memory.limit_in_bytes" "$d/memory.stat"; fi
done
shift "$n"
if [ $# -gt 0 ]; then
  LC_ALL=C grep -sH -E -e '^([0-9]+|max|(total_)?inactive_file [0-9]+)$' -- "$@"
fi
echo END
)SH";

struct Figures {
    std::optional<qint64> usage;
    std::optional<qint64> limit; // 0 = no limit
    std::optional<qint64> inactive;
    bool bad = false;
};

std::optional<qint64> number(const QByteArray& text)
{
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (char ch : text)
        if (ch < '0' || ch > '9')
            return std::nullopt;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        return std::nullopt;
    return v;
}

bool isContainerId(const QByteArray& id)
{
    if (id.size() != 64)
        return false;
    for (char ch : id)
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
            return false;
    return true;
}

// systemd expands "a-b-c.slice" to /a.slice/a-b.slice/a-b-c.slice; "-.slice" is the root.
QString expandSlice(const QString& slice)
{
    if (slice == QLatin1String("-.slice") || !slice.endsWith(QLatin1String(".slice")))
        return slice == QLatin1String("-.slice") ? QString() : QLatin1Char('/') + slice;
    const QString stem = slice.chopped(6);
    QString path;
    QString prefix;
    const QStringList parts = stem.split(QLatin1Char('-'));
    for (const QString& part : parts) {
        prefix += prefix.isEmpty() ? part : QLatin1Char('-') + part;
        path += QLatin1Char('/') + prefix + QLatin1String(".slice");
    }
    return path;
}

} // namespace

std::optional<Version> versionFromInfo(const QString& cgroupVersion)
{
    if (cgroupVersion == QLatin1String("1"))
        return Version::V1;
    if (cgroupVersion == QLatin1String("2"))
        return Version::V2;
    return std::nullopt;
}

QString expectedPath(const QString& id, const QString& cgroupParent, const QString& cgroupDriver)
{
    if (cgroupDriver == QLatin1String("systemd")) {
        const QString parent = cgroupParent.isEmpty() ? QStringLiteral("system.slice") : cgroupParent;
        return expandSlice(parent) + QStringLiteral("/docker-") + id + QStringLiteral(".scope");
    }
    QString parent = cgroupParent.isEmpty() ? QStringLiteral("/docker") : cgroupParent;
    if (!parent.startsWith(QLatin1Char('/')))
        parent.prepend(QLatin1Char('/'));
    while (parent.size() > 1 && parent.endsWith(QLatin1Char('/')))
        parent.chop(1);
    return (parent == QLatin1String("/") ? QString() : parent) + QLatin1Char('/') + id;
}

QStringList command(Version version, const QString& cgroupDriver, const QList<Target>& targets, const QString& cgroupRoot)
{
    QString root = cgroupRoot;
    if (root.isEmpty())
        root = version == Version::V2 ? QStringLiteral("/sys/fs/cgroup") : QStringLiteral("/sys/fs/cgroup/memory");
    QStringList argv{QStringLiteral("sh"), QStringLiteral("-c"), QString::fromLatin1(kScript),
                     QStringLiteral("bulwark-cgroup"), root,
                     version == Version::V2 ? QStringLiteral("2") : QStringLiteral("1")};
    for (const Target& t : targets)
        if (isContainerId(t.id.toLatin1()))
            argv << t.id + QLatin1Char(':') + expectedPath(t.id, t.cgroupParent, cgroupDriver);
    return argv;
}

Parsed parse(const QByteArray& output, Version version, const QStringList& ids, const QDateTime& sampledAt)
{
    Parsed out;
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    QHash<QString, Figures> figures;   // by id
    QHash<QByteArray, QString> dirs;   // dir -> id; a dir claimed twice maps to an empty id
    const char* const usageFile = version == Version::V2 ? "memory.current" : "memory.usage_in_bytes";
    const char* const limitFile = version == Version::V2 ? "memory.max" : "memory.limit_in_bytes";
    const char* const inactiveKey = version == Version::V2 ? "inactive_file " : "total_inactive_file ";

    auto bad = [&out](int lineNo, const QString& why) {
        ++out.badLines;
        if (out.problems.size() < 5)
            out.problems << QStringLiteral("line %1: %2").arg(lineNo).arg(why);
    };

    QSet<QString> seenIds;
    int lineNo = 0;
    const QList<QByteArray> lines = output.split('\n');
    for (const QByteArray& line : lines) {
        ++lineNo;
        if (line.isEmpty())
            continue;
        if (out.complete) {
            bad(lineNo, QStringLiteral("text after the end marker"));
            continue;
        }
        if (line == "END") {
            out.complete = true;
            continue;
        }
        if (line.startsWith("C ")) {
            const QByteArray rest = line.mid(2);
            const qsizetype space = rest.indexOf(' ');
            const QByteArray id = space < 0 ? rest : rest.first(space);
            const QString idText = QString::fromLatin1(id);
            if (space < 0 || !isContainerId(id) || !wanted.contains(idText)) {
                bad(lineNo, QStringLiteral("unexpected container line"));
                continue;
            }
            Figures& f = figures[idText];
            const QByteArray dir = rest.mid(space + 1);
            if (seenIds.contains(idText) || f.bad) {
                bad(lineNo, QStringLiteral("container listed twice"));
                f.bad = true;
                continue;
            }
            seenIds.insert(idText);
            if (dir == "-")
                continue; // no cgroup found: the API answers for this one
            if (!dir.startsWith('/')) {
                bad(lineNo, QStringLiteral("cgroup directory is not absolute"));
                f.bad = true;
                continue;
            }
            auto it = dirs.find(dir);
            if (it != dirs.end()) {
                if (!it->isEmpty())
                    figures[*it].bad = true;
                f.bad = true;
                *it = QString();
                continue;
            }
            dirs.insert(dir, idText);
            continue;
        }
        // "<dir>/<file>:<value>": the value never holds ':', so the last one splits.
        const qsizetype colon = line.lastIndexOf(':');
        const QByteArray path = colon < 0 ? QByteArray() : line.first(colon);
        const qsizetype slash = path.lastIndexOf('/');
        if (colon < 0 || slash <= 0) {
            bad(lineNo, QStringLiteral("not a cgroup file line"));
            continue;
        }
        const QByteArray file = path.mid(slash + 1);
        const QByteArray value = line.mid(colon + 1);
        const auto owner = dirs.constFind(path.first(slash));
        if (owner == dirs.cend()) {
            bad(lineNo, QStringLiteral("file outside the listed cgroups"));
            continue;
        }
        if (owner->isEmpty())
            continue; // an ambiguous directory: already marked bad
        Figures& f = figures[*owner];
        auto store = [&](std::optional<qint64>& slot, std::optional<qint64> v) {
            if (!v) {
                bad(lineNo, QStringLiteral("%1: not a byte count").arg(QString::fromLatin1(file)));
                f.bad = true;
            } else if (slot) {
                bad(lineNo, QStringLiteral("%1 given twice").arg(QString::fromLatin1(file)));
                f.bad = true;
            } else {
                slot = v;
            }
        };
        if (file == usageFile) {
            store(f.usage, number(value));
        } else if (file == limitFile) {
            std::optional<qint64> limit = value == "max" && version == Version::V2 ? std::optional<qint64>(0) : number(value);
            if (limit && *limit >= kNoLimitThreshold)
                limit = 0;
            store(f.limit, limit);
        } else if (file == "memory.stat") {
            if (value.startsWith(inactiveKey))
                store(f.inactive, number(value.mid(qstrlen(inactiveKey))));
            else if (version == Version::V1 && value.startsWith("inactive_file "))
                continue; // v1 lists the cgroup's own figure too; docker stats uses the hierarchical one
            else
                bad(lineNo, QStringLiteral("unexpected memory.stat line"));
        } else {
            bad(lineNo, QStringLiteral("unexpected file %1").arg(QString::fromLatin1(file.left(64))));
        }
    }

    // Without the end marker the output was cut short, and its last number may be cut too.
    if (!out.complete) {
        if (out.problems.size() < 5)
            out.problems << QStringLiteral("output ends before the end marker");
        return out;
    }
    for (auto it = figures.cbegin(); it != figures.cend(); ++it) {
        const Figures& f = it.value();
        if (f.bad || !f.usage || !f.limit || !f.inactive)
            continue;
        MemoryReading m;
        m.rawUsageBytes = *f.usage;
        // As docker stats: page cache the kernel can reclaim does not count; a cache figure not
        // below usage is ignored.
        m.usageBytes = *f.inactive < *f.usage ? *f.usage - *f.inactive : *f.usage;
        m.limitBytes = *f.limit;
        m.sampledAt = sampledAt;
        out.readings.insert(it.key(), m);
    }
    return out;
}

} // namespace bulwark::CgroupMemory
