// fmt's out-of-line functions, compiled here once for every program that
// formats (tools/bazel/fmt.BUILD says why not header-only). format-inl.h
// defines them; the templates among them that format.h uses without
// defining are instantiated below for char, the only character type we
// format.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

// Floating-point formatting (format.h declares to_decimal, format-inl.h
// defines it).
template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

// Locale-aware formatting ({:L}); format.h declares these extern.
template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;

}  // namespace detail
FMT_END_NAMESPACE
