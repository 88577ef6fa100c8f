#include "storage/model/records/text_tokens.h"

#include <algorithm>

namespace guildhall::storage {
namespace {

// ASCII spelling of U+00C0..U+00FF; "" marks a separator (× and ÷).
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Latin Extended-A (U+0100..U+017F) in runs that fold to the same letters.
struct FoldRun {
  char32_t first;
  char32_t last;
  const char* ascii;
};
constexpr FoldRun kLatinExtA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},  {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"},  {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}};

// Decodes one UTF-8 code point at text[i], advancing i. Malformed bytes decode
// as U+FFFD one byte at a time, so tokenizing never fails.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  }
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

// Punctuation and symbol blocks outside ASCII that separate words.
bool IsSeparator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE0F);
}

class TokenSink {
 public:
  void Letters(std::string_view s) {
    if (!current_.empty() && (current_.back() == '+' || current_.back() == '#')) Flush();
    current_.append(s);
  }
  void Suffix(char c) {
    if (!current_.empty()) current_.push_back(c);
  }
  void Flush() {
    if (current_.size() > kMaxTokenBytes) {
      size_t cut = kMaxTokenBytes;  // never split a UTF-8 sequence
      while (cut > 0 && (static_cast<unsigned char>(current_[cut]) & 0xC0) == 0x80) --cut;
      current_.resize(cut);
    }
    if (!current_.empty() && std::find(out_.begin(), out_.end(), current_) == out_.end()) {
      out_.push_back(current_);
    }
    current_.clear();
  }
  std::vector<std::string> Take() {
    Flush();
    return std::move(out_);
  }

 private:
  std::string current_;
  std::vector<std::string> out_;
};

void Feed(TokenSink& sink, char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return sink.Letters(std::string(1, static_cast<char>(c - 'A' + 'a')));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return sink.Letters(std::string(1, c));
    if (c == '+' || c == '#') return sink.Suffix(c);
    return sink.Flush();
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char* ascii = kLatin1[cp - 0xC0];
    return *ascii ? sink.Letters(ascii) : sink.Flush();
  }
  for (const auto& run : kLatinExtA) {
    if (cp >= run.first && cp <= run.last) return sink.Letters(run.ascii);
  }
  if (IsSeparator(cp)) return sink.Flush();
  std::string utf8;
  AppendUtf8(utf8, cp);
  sink.Letters(utf8);
}

}  // namespace

std::vector<std::string> Tokenize(std::string_view text) {
  TokenSink sink;
  for (size_t i = 0; i < text.size();) Feed(sink, NextCodePoint(text, i));
  return sink.Take();
}

}  // namespace guildhall::storage
