import { useMutation, useQueryClient } from '@tanstack/react-query';
import { listFeedback, listMyFeedback, sendFeedback, updateFeedback, type FeedbackStatus, type NewFeedback } from './feedback';
import { useCursorList } from './queries';

/** Query keys of feedback: the member's own list and the administrators' inbox per status. */
export const feedbackKeys = {
  all: ['feedback'] as const,
  mine: ['feedback', 'mine'] as const,
  inbox: (status: FeedbackStatus) => ['feedback', 'inbox', status] as const,
};

export const useMyFeedback = () => useCursorList(feedbackKeys.mine, listMyFeedback);

export const useFeedbackInbox = (status: FeedbackStatus) => useCursorList(feedbackKeys.inbox(status), (cursor) => listFeedback(status, cursor));

export function useSendFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFeedback) => sendFeedback(body),
    onSuccess: () => void client.invalidateQueries({ queryKey: feedbackKeys.mine }),
  });
}

/** A new status moves an item to another list; every list is read again. */
export function useUpdateFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; status?: FeedbackStatus; answer?: string }) => updateFeedback(id, patch),
    onSuccess: () => void client.invalidateQueries({ queryKey: feedbackKeys.all }),
  });
}
