/** The projector's board during a stage show (issue 20, item 3). */
export const projectorVi = {
  "projector.judgesSoFar": "{n}/{of} giám khảo",
  "projector.provisional": "tạm tính",
  "projector.offline": "Mất kết nối mạng — đang thử lại. Số liệu lúc {at}.",
};

export const projectorEn: Record<keyof typeof projectorVi, string> = {
  "projector.judgesSoFar": "{n}/{of} judges",
  "projector.provisional": "provisional",
  "projector.offline": "Connection lost — retrying. Figures as of {at}.",
};
