;;; marginalia-eglot.el --- Marginalia language server through Eglot  -*- lexical-binding: t; -*-

;; Emacs 28 or later with Eglot (built in from Emacs 29; `package-install eglot'
;; or Debian's elpa-eglot on 28).  Markdown buffers need markdown-mode.

;;; Commentary:

;; Copy this file onto your `load-path' and add to your init file:
;;
;;   (require 'marginalia-eglot)
;;
;; Every Markdown or text buffer inside a corpus (a folder holding
;; marginalia.json, or below one) then starts `marginalia lsp' for that corpus.
;; The name is not `marginalia.el' because a well-known minibuffer package
;; already has that name.

;;; Code:

(require 'eglot)
(require 'project)
(require 'cl-lib)

(defgroup marginalia-eglot nil
  "Marginalia language server for annotated text corpora."
  :group 'eglot
  :prefix "marginalia-eglot-")

(defcustom marginalia-eglot-command '("marginalia" "lsp")
  "The command that runs the Marginalia language server, as a list of strings."
  :type '(repeat string))

(defcustom marginalia-eglot-modes '(markdown-mode gfm-mode text-mode)
  "Major modes whose buffers in a corpus talk to the Marginalia server."
  :type '(repeat symbol))

(defcustom marginalia-eglot-auto-start t
  "Non-nil means start the server when a buffer in one of those modes opens in a corpus."
  :type 'boolean)

(defun marginalia-eglot-corpus-root (&optional directory)
  "The corpus root at or above DIRECTORY: the folder holding marginalia.json, or nil."
  (let ((root (locate-dominating-file (or directory default-directory) "marginalia.json")))
    (and root (file-name-as-directory (expand-file-name root)))))

;; A corpus is its own project, so that Eglot runs one server per corpus even
;; inside a larger git repository.
(defun marginalia-eglot-find-project (directory)
  "Project finder for `project-find-functions': the corpus holding DIRECTORY."
  (let ((root (marginalia-eglot-corpus-root directory)))
    (and root (cons 'marginalia root))))

(cl-defmethod project-root ((project (head marginalia)))
  "The corpus root of PROJECT."
  (cdr project))

(add-hook 'project-find-functions #'marginalia-eglot-find-project)

(defun marginalia-eglot--contact (&optional _interactive)
  "The server command, read from `marginalia-eglot-command' when Eglot starts it."
  marginalia-eglot-command)

(add-to-list 'eglot-server-programs
             (cons marginalia-eglot-modes #'marginalia-eglot--contact))

(defun marginalia-eglot-maybe-start ()
  "Start or join the corpus's server when this buffer visits a file in a corpus."
  (when (and marginalia-eglot-auto-start
             buffer-file-name
             (apply #'derived-mode-p marginalia-eglot-modes)
             (marginalia-eglot-corpus-root))
    (eglot-ensure)))

(dolist (hook '(markdown-mode-hook gfm-mode-hook text-mode-hook))
  (add-hook hook #'marginalia-eglot-maybe-start))

(provide 'marginalia-eglot)
;;; marginalia-eglot.el ends here
