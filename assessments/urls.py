from django.urls import path

from .views import learner, staff_bank, staff_imports, staff_quizzes, staff_results, staff_review

app_name = "assessments"

urlpatterns = [
    path("", learner.quiz_list, name="quiz_list"),
    path("attempt/<int:attempt_id>/q/<int:position>/", learner.question, name="question"),
    path("attempt/<int:attempt_id>/finish/", learner.finish, name="finish"),
    path("attempt/<int:attempt_id>/result/", learner.result, name="result"),
    # staff
    path("manage/questions/", staff_bank.QuestionListView.as_view(), name="bank"),
    path("manage/questions/new/", staff_bank.QuestionCreateView.as_view(), name="question_new"),
    path(
        "manage/questions/<int:pk>/edit/",
        staff_bank.QuestionEditView.as_view(),
        name="question_edit",
    ),
    path(
        "manage/questions/<int:pk>/preview/",
        staff_bank.QuestionPreviewView.as_view(),
        name="question_preview",
    ),
    path("manage/questions/review/", staff_review.ReviewQueueView.as_view(), name="review_queue"),
    path(
        "manage/questions/<int:pk>/approve/",
        staff_review.ApproveView.as_view(),
        name="question_approve",
    ),
    path(
        "manage/questions/<int:pk>/return/",
        staff_review.ReturnView.as_view(),
        name="question_return",
    ),
    path(
        "manage/questions/<int:pk>/retire/",
        staff_review.RetireView.as_view(),
        name="question_retire",
    ),
    path("manage/questions/import/", staff_imports.ImportView.as_view(), name="import"),
    path(
        "manage/questions/import/template.xlsx",
        staff_imports.TemplateView.as_view(),
        name="import_template",
    ),
    path("manage/questions/export/", staff_imports.ExportView.as_view(), name="export"),
    path("manage/quizzes/", staff_quizzes.QuizListView.as_view(), name="manage_quizzes"),
    path("manage/quizzes/new/", staff_quizzes.QuizEditView.as_view(), name="quiz_new"),
    path("manage/quizzes/<int:pk>/edit/", staff_quizzes.QuizEditView.as_view(), name="quiz_edit"),
    path(
        "manage/quizzes/<int:pk>/results/",
        staff_results.QuizResultsView.as_view(),
        name="quiz_results",
    ),
    path(
        "manage/quizzes/<int:pk>/results.<str:fmt>",
        staff_results.ResultsExportView.as_view(),
        name="quiz_results_export",
    ),
    path("manage/grading/", staff_results.GradingQueueView.as_view(), name="grading"),
    path("manage/grading/<int:slot_id>/", staff_results.GradeView.as_view(), name="grade"),
    # quiz slugs last: they could be any word
    path("<slug:slug>/", learner.quiz_detail, name="quiz"),
    path("<slug:slug>/start/", learner.start, name="start"),
]
