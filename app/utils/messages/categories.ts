/** Interface text of the ward's own question categories (lĩnh vực). */
export const categoriesVi = {
  "categories.title": "Lĩnh vực câu hỏi",
  "categories.intro":
    "Lĩnh vực dùng để phân loại câu hỏi và ra đề theo lĩnh vực (ví dụ 10 câu Cải cách hành chính + 10 câu Chuyển đổi số). Thêm lĩnh vực theo yêu cầu của huyện, tỉnh; đổi tên không ảnh hưởng câu hỏi đã có; lĩnh vực ngừng dùng giữ nguyên câu hỏi và các cuộc thi đã ra đề theo nó.",
  "categories.name": "Tên lĩnh vực",
  "categories.add": "Thêm lĩnh vực",
  "categories.added": "Đã thêm lĩnh vực “{name}”.",
  "categories.rename": "Đổi tên",
  "categories.renamed": "Đã đổi tên lĩnh vực.",
  "categories.newName": "Tên mới của {name}",
  "categories.retire": "Ngừng dùng",
  "categories.restore": "Dùng lại",
  "categories.retired": "Ngừng dùng",
  "categories.questions": "{n} câu hỏi",
  "categories.code": "Mã: {code}",
  "categories.nameInvalid": "Tên lĩnh vực cần từ 2 đến 60 ký tự, có chữ hoặc số.",
  "categories.nameTaken": "Đã có lĩnh vực “{name}”.",
  "categories.notFound": "Không tìm thấy lĩnh vực này.",
  "categories.lastActive": "Cần giữ ít nhất một lĩnh vực đang dùng.",
  "categories.inactive": "Lĩnh vực này đã ngừng dùng: chọn lĩnh vực khác cho câu hỏi mới.",
};

export const categoriesEn: Record<keyof typeof categoriesVi, string> = {
  "categories.title": "Question categories",
  "categories.intro":
    "Categories sort the questions and let a contest draw by category (e.g. 10 administrative reform + 10 digital transformation). Add the ones the district or province asks for; a new name changes no question; a retired category keeps its questions and the contests that already draw from it.",
  "categories.name": "Category name",
  "categories.add": "Add the category",
  "categories.added": "Category “{name}” added.",
  "categories.rename": "Rename",
  "categories.renamed": "Category renamed.",
  "categories.newName": "New name of {name}",
  "categories.retire": "Retire",
  "categories.restore": "Use again",
  "categories.retired": "Retired",
  "categories.questions": "{n, plural, one {# question} other {# questions}}",
  "categories.code": "Code: {code}",
  "categories.nameInvalid": "A category's name has 2 to 60 characters, with letters or digits.",
  "categories.nameTaken": "There is already a category “{name}”.",
  "categories.notFound": "No such category.",
  "categories.lastActive": "At least one category must stay in use.",
  "categories.inactive": "This category is retired: choose another for new questions.",
};
