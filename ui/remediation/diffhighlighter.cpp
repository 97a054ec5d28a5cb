// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffhighlighter.h"

#include <QColor>
#include <QFont>
#include <QTextCharFormat>

namespace bulwark {

DiffLineKind diffLineKind(QStringView line)
{
    if (line.startsWith(u"+++") || line.startsWith(u"---"))
        return DiffLineKind::FileHeader;
    if (line.startsWith(u"@@"))
        return DiffLineKind::Hunk;
    if (line.startsWith(u'+'))
        return DiffLineKind::Added;
    if (line.startsWith(u'-'))
        return DiffLineKind::Removed;
    if (line.startsWith(u'\\') || line.startsWith(u'#'))
        return DiffLineKind::Note;
    return DiffLineKind::Context;
}

DiffHighlighter::DiffHighlighter(QTextDocument* parent) : QSyntaxHighlighter(parent) {}

void DiffHighlighter::highlightBlock(const QString& text)
{
    QTextCharFormat f;
    switch (diffLineKind(text)) {
    case DiffLineKind::Added:
        f.setForeground(QColor(0x1a, 0x7f, 0x37));
        f.setBackground(QColor(0xe6, 0xff, 0xec));
        break;
    case DiffLineKind::Removed:
        f.setForeground(QColor(0xcf, 0x22, 0x2e));
        f.setBackground(QColor(0xff, 0xeb, 0xe9));
        break;
    case DiffLineKind::Hunk:
        f.setForeground(QColor(0x09, 0x69, 0xda));
        break;
    case DiffLineKind::FileHeader:
        f.setFontWeight(QFont::Bold);
        break;
    case DiffLineKind::Note:
        f.setForeground(QColor(0x65, 0x6d, 0x76));
        f.setFontItalic(true);
        break;
    case DiffLineKind::Context:
        return;
    }
    setFormat(0, static_cast<int>(text.size()), f);
}

} // namespace bulwark
