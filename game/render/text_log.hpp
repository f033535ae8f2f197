#pragma once
// Every text box a frame drew, in logical pixels, with the panel it was drawn
// in: what the layout tests read to check that no two texts overlap and that
// none leaves its panel. A Canvas given a TextLog (Canvas::setTextLog) adds
// each text it draws; painters name their panel around what they draw in it
// (Canvas::beginPanel / endPanel). A panel that covers the screen (a modal
// dialog over a dimmed frame) hides what was logged before it. Owned by the
// caller (a test); the Canvas holds a pointer while it is set.
#include <SDL.h>

#include <optional>
#include <string>
#include <vector>

namespace meshlings::render {

struct LoggedText {
    std::string text;
    SDL_FRect box{};
    std::string panelName;           // empty: drawn outside any named panel (map signs, floating "+1")
    std::optional<SDL_FRect> panel;  // the panel it must stay in
};

class TextLog {
public:
    void clear() {
        m_texts.clear();
        m_panelName.clear();
        m_panel.reset();
    }
    void beginPanel(const std::string& name, SDL_FRect panel, bool coversScreen) {
        if (coversScreen) m_texts.clear();
        m_panelName = name;
        m_panel = panel;
    }
    void endPanel() {
        m_panelName.clear();
        m_panel.reset();
    }
    void add(const std::string& text, SDL_FRect box) { m_texts.push_back({text, box, m_panelName, m_panel}); }
    const std::vector<LoggedText>& texts() const { return m_texts; }

private:
    std::vector<LoggedText> m_texts;
    std::string m_panelName;
    std::optional<SDL_FRect> m_panel;
};

}  // namespace meshlings::render
