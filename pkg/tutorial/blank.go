package tutorial

import (
	"regexp"
	"strconv"

	"github.com/nma-go/mlp/internal/i18n"
)

// BlankName names a TODO blank of an exercise by a message of the catalog
// (package internal/i18n), so that the student reads it in their language:
// ID is the message's ID, a "blank." one, and Args its arguments. Make one
// with [Blank].
//
// A name is kept as ID and arguments and rendered when it is printed, in the
// language asked for then. Its arguments should be plain values (ints,
// strings): a grading child sends them to the grader as JSON.
type BlankName struct {
	ID   string
	Args []any
}

// Blank names a TODO blank by the catalog message id with args, e.g.
// Blank("blank.relu.biases") or Blank("blank.mlp.hidden_linear", i, inNum,
// outNum). The stubs pass it to [TODO] and [TODOValue].
func Blank(id string, args ...any) BlankName { return BlankName{ID: id, Args: args} }

// In is the name in language l. An ID the catalog lacks prints as the ID.
func (b BlankName) In(l i18n.Lang) string {
	if !l.Has(b.ID) {
		return b.ID
	}
	return l.Sprintf(b.ID, b.Args...)
}

// String is the name in the default language of the catalog (i18n.Default).
func (b BlankName) String() string { return b.In(i18n.Default()) }

// IsZero reports whether b names nothing.
func (b BlankName) IsZero() bool { return b.ID == "" }

// TODOBlank is what [TODO] and [TODOValue] accept as the name of a blank: a
// [BlankName], as the stubs write it, or plain text, as the stubs of earlier
// versions wrote it and students' saved answers still do.
type TODOBlank interface{ ~string | BlankName }

// legacyBlanks are the names the stubs gave their blanks as plain English
// text before the catalog had them, with the message each one is: a
// student's answer saved from an earlier stub still names its blanks this
// way, and reads them in its language all the same. Each pattern matches the
// whole text; its groups are the message's arguments, ints where they are
// digits.
var legacyBlanks = []struct {
	text *regexp.Regexp
	id   string
}{
	{regexp.MustCompile(`^b \(the ReLU biases\)$`), "blank.relu.biases"},
	{regexp.MustCompile(`^weights\[i\] \(the weight of ReLU i\)$`), "blank.relu.weight"},
	{regexp.MustCompile(`^yHat \(the weighted sum of the ReLUs\)$`), "blank.relu.yhat"},
	{regexp.MustCompile(`^Linear_(\d+) \(a dense layer (\d+) -> (\d+)\)$`), "blank.mlp.hidden_linear"},
	{regexp.MustCompile(`^Activation_(\d+) \((.+)\)$`), "blank.mlp.activation"},
	{regexp.MustCompile(`^Output_Linear \(a dense layer (\d+) -> (\d+)\)$`), "blank.mlp.output_linear"},
	{regexp.MustCompile(`^xOfLabels \(x\[i, labels_i\] for every sample\)$`), "blank.ce.x_of_labels"},
	{regexp.MustCompile(`^losses \(the loss vector\)$`), "blank.ce.losses"},
	{regexp.MustCompile(`^avgLoss \(the mean of the losses\)$`), "blank.ce.avg_loss"},
	{regexp.MustCompile(`^shuffledIndices \(a random permutation of the N indices\)$`), "blank.split.shuffled_indices"},
	{regexp.MustCompile(`^testSize \(20% of the N samples\)$`), "blank.split.test_size"},
}

// legacyBlank returns the catalog name of a blank named by the plain text of
// an earlier stub, and false for any other text.
func legacyBlank(text string) (BlankName, bool) {
	for _, l := range legacyBlanks {
		m := l.text.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		args := make([]any, 0, len(m)-1)
		for _, g := range m[1:] {
			if n, err := strconv.Atoi(g); err == nil {
				args = append(args, n)
			} else {
				args = append(args, g)
			}
		}
		return Blank(l.id, args...), true
	}
	return BlankName{}, false
}
