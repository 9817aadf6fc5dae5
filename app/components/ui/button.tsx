import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400",
  secondary: "border-2 border-brand-700 bg-white text-brand-800 hover:bg-brand-50",
  danger: "bg-accent-600 text-white hover:bg-red-800",
  ghost: "text-brand-800 underline underline-offset-4 hover:bg-brand-50",
};

export function buttonClass(variant: keyof typeof variants = "primary", extra = "") {
  return `inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-5 py-2.5 text-lg font-semibold transition-colors ${variants[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return <button type="submit" {...props} className={buttonClass(variant, className)} />;
}
