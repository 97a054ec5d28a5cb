// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>
#include <QSyntaxHighlighter>

namespace bulwark {

enum class DiffLineKind { Context, Added, Removed, Hunk, FileHeader, Note };

// What a line of a unified diff is (pure, for the highlighter and its test).
DiffLineKind diffLineKind(QStringView line);

// Colours a unified diff: additions green, removals red, hunk headers blue, file headers bold.
// Colour is not the only cue: the +/- column stays visible.
class DiffHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffHighlighter)
public:
    explicit DiffHighlighter(QTextDocument* parent = nullptr);

protected:
    void highlightBlock(const QString& text) override;
};

} // namespace bulwark
