/** Interface text of the printable Word papers: a question paper and its answer key (issue 19, item 3). */
export const questionPapersVi = {
  "questionPapers.paper": "Tải đề in (Word)",
  "questionPapers.key": "Tải đáp án (Word)",
};

export const questionPapersEn: Record<keyof typeof questionPapersVi, string> = {
  "questionPapers.paper": "Download printable paper (Word)",
  "questionPapers.key": "Download answer key (Word)",
};
