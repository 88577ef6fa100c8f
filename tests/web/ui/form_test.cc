// The form parsers (urlencoded and the bounded multipart parser) and the
// small helpers around forms.
#include "web/ui/form.h"

#include <gtest/gtest.h>

#include "web/ui/multipart.h"
#include "web/ui/page.h"

namespace guildhall::web {
namespace {

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string body =
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n"
      "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--\r\nepilogue";
  auto parts = ParseMultipart(body, "XyZ");
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "title");
  EXPECT_EQ((*parts)[0].data, "Hello");
  EXPECT_FALSE((*parts)[0].is_file);
  EXPECT_TRUE((*parts)[1].is_file);
  EXPECT_EQ((*parts)[1].file_name, "a \"b\".txt");
  EXPECT_EQ((*parts)[1].content_type, "text/plain");
  EXPECT_EQ((*parts)[1].data, "line1\r\nline2");
}

TEST(Multipart, KeepsBinaryDataIntact) {
  std::string data("\0\r\n--Xy\r\n\xff", 10);
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b\"\r\n\r\n" + data +
      "\r\n--XyZ--\r\n";
  auto parts = ParseMultipart(body, "XyZ");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].data, data);
}

TEST(Multipart, RejectsMalformedBodies) {
  EXPECT_FALSE(ParseMultipart("no delimiter at all", "XyZ"));
  EXPECT_FALSE(ParseMultipart(
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", "XyZ"));
  EXPECT_FALSE(ParseMultipart("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "XyZ"));
  EXPECT_FALSE(ParseMultipart(
      "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--", "XyZ"));
  EXPECT_FALSE(ParseMultipart(
      "--XyZ\r\n" + std::string(kMaxPartHeaderBytes + 10, 'h') + "\r\n\r\nx\r\n--XyZ--", "XyZ"));
  EXPECT_FALSE(ParseMultipart("", std::string(71, 'b')));
}

TEST(Multipart, BoundsThePartCount) {
  std::string body;
  for (size_t i = 0; i <= kMaxParts; ++i) {
    body += "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  }
  body += "--b--\r\n";
  auto parts = ParseMultipart(body, "b");
  ASSERT_FALSE(parts);
  EXPECT_EQ(parts.error().code, Code::kTooLarge);
}

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryabc"),
            "----WebKitFormBoundaryabc");
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"q b\""), "q b");
  EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=x"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
}

TEST(Form, ParsesUrlEncoded) {
  auto form = Form::ParseUrlEncoded("a=1&b=hello+world&c=%3Cx%3E&a=2&flag");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->Get("a"), "1");
  EXPECT_EQ(form->GetAll("a").size(), 2u);
  EXPECT_EQ(form->Get("b"), "hello world");
  EXPECT_EQ(form->Get("c"), "<x>");
  EXPECT_TRUE(form->Has("flag"));
  EXPECT_EQ(form->Get("missing"), "");
  EXPECT_FALSE(Form::ParseUrlEncoded("a=%zz"));
}

TEST(Form, RefusesUnknownEncodings) {
  Request req;
  req.headers.Set("Content-Type", "application/json");
  req.body = "{}";
  EXPECT_FALSE(Form::Parse(req));
}

TEST(SafeNext, OnlyLocalPaths) {
  EXPECT_EQ(SafeNext("/g/x?y=1"), "/g/x?y=1");
  EXPECT_EQ(SafeNext("//evil.example"), "/");
  EXPECT_EQ(SafeNext("https://evil.example/"), "/");
  EXPECT_EQ(SafeNext("/\\evil.example"), "/");
  EXPECT_EQ(SafeNext("/a\r\nSet-Cookie: x"), "/");
  EXPECT_EQ(SafeNext(""), "/");
}

TEST(FieldErrors, SplitsCommunityValidationMessages) {
  auto errors =
      FieldErrors(Error::Invalid("title: must not be empty; body: is too long; something else"));
  EXPECT_EQ(errors["title"], "Must not be empty");
  EXPECT_EQ(errors["body"], "Is too long");
  EXPECT_EQ(errors[""], "Something else");
}

}  // namespace
}  // namespace guildhall::web
