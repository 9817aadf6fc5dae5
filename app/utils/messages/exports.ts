/** Interface text of imports and exports: the limits an import states and enforces. */
export const exportsVi = {
  "import.limits":
    "Giới hạn: tệp tối đa {fileMb} MB (tệp XLSX khi giải nén tối đa {unzippedMb} MB), tối đa {rows} dòng dữ liệu và {columns} cột, mỗi ô tối đa {cellChars} ký tự. Tệp có lỗi thì không nhập dòng nào.",
  "import.tooManyRows":
    "Tệp có hơn {rows} dòng dữ liệu nên chưa nhập dòng nào. Vui lòng chia thành nhiều tệp, mỗi tệp tối đa {rows} dòng, rồi nhập lần lượt.",
  "import.tooManyColumns":
    "Tệp có dữ liệu ngoài {columns} cột đầu tiên nên chưa nhập dòng nào. Vui lòng dùng đúng các cột của tệp mẫu.",
  "import.unzippedTooLarge":
    "Tệp XLSX khi giải nén lớn hơn {unzippedMb} MB nên không được đọc, chưa nhập dòng nào. Vui lòng xoá các trang tính, hình ảnh không cần thiết, hoặc lưu thành CSV rồi nhập lại.",
  "import.moreProblems": "… và {n} lỗi khác (chỉ hiện {shown} lỗi đầu tiên).",
};

export const exportsEn: Record<keyof typeof exportsVi, string> = {
  "import.limits":
    "Limits: a file of at most {fileMb} MB (an XLSX file at most {unzippedMb} MB once decompressed), at most {rows} data rows and {columns} columns, at most {cellChars} characters in a cell. A file with problems imports nothing.",
  "import.tooManyRows":
    "The file has more than {rows} data rows, so nothing was imported. Please split it into files of at most {rows} rows and import them one after another.",
  "import.tooManyColumns":
    "The file has data beyond the first {columns} columns, so nothing was imported. Please use the template's columns.",
  "import.unzippedTooLarge":
    "This XLSX file decompresses to more than {unzippedMb} MB, so it was not read and nothing was imported. Please remove unneeded sheets and pictures, or save it as CSV, and import again.",
  "import.moreProblems": "… and {n} more problems (only the first {shown} are shown).",
};
