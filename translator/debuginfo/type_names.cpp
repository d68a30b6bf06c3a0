#include "type_names.h"

#include <dwarf.h>

namespace cxxtap::debuginfo {

namespace {

Dwarf_Die* inner(Dwarf_Die* die, Dwarf_Die* out) {
  Dwarf_Attribute a;
  if (!dwarf_attr_integrate(die, DW_AT_type, &a)) return nullptr;
  return dwarf_formref_die(&a, out);
}

std::string named(Dwarf_Die* die, const char* keyword) {
  const char* n = dwarf_diename(die);
  std::string s = keyword;
  if (!s.empty()) s += ' ';
  return s + (n ? n : "{...}");
}

std::string name_of(Dwarf_Die* t, int depth) {
  if (!t) return "void";
  if (depth > 16) return "...";
  Dwarf_Die mem;
  switch (dwarf_tag(t)) {
    case DW_TAG_base_type:
    case DW_TAG_typedef:
    case DW_TAG_unspecified_type: return named(t, "");
    case DW_TAG_structure_type: return named(t, "struct");
    case DW_TAG_union_type: return named(t, "union");
    case DW_TAG_enumeration_type: return named(t, "enum");
    case DW_TAG_class_type: return named(t, "class");
    case DW_TAG_pointer_type: {
      Dwarf_Die* to = inner(t, &mem);
      if (to && dwarf_tag(to) == DW_TAG_subroutine_type) return name_of(to, depth + 1);
      return name_of(to, depth + 1) + "*";
    }
    case DW_TAG_reference_type: return name_of(inner(t, &mem), depth + 1) + "&";
    case DW_TAG_const_type: return name_of(inner(t, &mem), depth + 1) + " const";
    case DW_TAG_volatile_type: return name_of(inner(t, &mem), depth + 1) + " volatile";
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type: return name_of(inner(t, &mem), depth + 1);
    case DW_TAG_array_type: {
      std::string s = name_of(inner(t, &mem), depth + 1);
      Dwarf_Die sub;
      bool any = false;
      if (dwarf_child(t, &sub) == 0) do {
          if (dwarf_tag(&sub) != DW_TAG_subrange_type) continue;
          any = true;
          Dwarf_Attribute a;
          Dwarf_Word n = 0;
          if (dwarf_formudata(dwarf_attr(&sub, DW_AT_count, &a), &n) == 0) s += "[" + std::to_string(n) + "]";
          else if (dwarf_formudata(dwarf_attr(&sub, DW_AT_upper_bound, &a), &n) == 0)
            s += "[" + std::to_string(n + 1) + "]";
          else s += "[]";
        } while (dwarf_siblingof(&sub, &sub) == 0);
      if (!any) s += "[]";
      return s;
    }
    case DW_TAG_subroutine_type: {
      // Reached through a pointer: "int (*) (struct x*, long)".
      std::string s = name_of(inner(t, &mem), depth + 1) + " (*) (";
      Dwarf_Die arg;
      bool first = true;
      if (dwarf_child(t, &arg) == 0) do {
          if (dwarf_tag(&arg) != DW_TAG_formal_parameter) continue;
          Dwarf_Die at;
          if (!first) s += ", ";
          first = false;
          s += name_of(inner(&arg, &at), depth + 1);
        } while (dwarf_siblingof(&arg, &arg) == 0);
      return s + ")";
    }
    default: return "?";
  }
}

}  // namespace

std::string type_name(Dwarf_Die* type) { return name_of(type, 0); }

}  // namespace cxxtap::debuginfo
